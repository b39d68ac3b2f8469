package app.oo.web.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresDsnTest {

    @Test
    void theEmbeddedDatabasesUrlBecomesALibpqUriWithTheUserFromItsParameters() {
        PostgresDsn dsn = PostgresDsn.fromJdbc("jdbc:postgresql://localhost:35421/postgres?user=postgres", "postgres", null);

        assertThat(dsn.uri()).isEqualTo("postgresql://postgres@localhost:35421/postgres?application_name=oo-simulation");
        assertThat(dsn.password()).isNull();
    }

    @Test
    void thePasswordStaysOutOfTheUriAndTravelsApart() {
        PostgresDsn dsn = PostgresDsn.fromJdbc("jdbc:postgresql://db.internal:5432/oo?sslmode=require&password=s3cret",
                "oo app", null);

        assertThat(dsn.uri()).isEqualTo("postgresql://oo%20app@db.internal:5432/oo?sslmode=require&application_name=oo-simulation")
                .doesNotContain("s3cret");
        assertThat(dsn.password()).isEqualTo("s3cret");
        assertThat(dsn.toString()).doesNotContain("s3cret");
    }

    @Test
    void severalHostsAndJdbcOnlyParametersAreHandled() {
        PostgresDsn dsn = PostgresDsn.fromJdbc(
                "jdbc:postgresql://a:5432,b:5433/oo?reWriteBatchedInserts=true&connectTimeout=5", "app", "pw");

        assertThat(dsn.uri()).isEqualTo("postgresql://app@a:5432,b:5433/oo?connect_timeout=5&application_name=oo-simulation");
        assertThat(dsn.password()).isEqualTo("pw");
    }

    @Test
    void aUrlWithoutHostMeansTheLocalServer() {
        assertThat(PostgresDsn.fromJdbc("jdbc:postgresql:oo", "app", null).uri())
                .startsWith("postgresql://app@localhost/oo?");
    }

    @Test
    void anotherDatabaseIsRefusedWithoutEchoingItsPassword() {
        assertThatThrownBy(() -> PostgresDsn.fromJdbc("jdbc:mysql://h/db?password=s3cret", "u", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PostgreSQL JDBC URL")
                .hasMessageNotContaining("s3cret");
    }
}
