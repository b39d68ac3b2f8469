package app.oo.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UniqueViolationTest {

    @Test
    void recognisesPostgresUniqueViolationAnywhereInTheCauseChain() {
        Exception wrapped = new IllegalStateException("append failed",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(DatabaseConfiguration.isUniqueViolation(wrapped)).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotDuplicates() {
        assertThat(DatabaseConfiguration.isUniqueViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(DatabaseConfiguration.isUniqueViolation(new IllegalStateException("no cause"))).isFalse();
    }
}
