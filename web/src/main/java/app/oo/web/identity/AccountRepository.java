package app.oo.web.identity;

import app.oo.domain.person.PersonId;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts in the {@code account} table. */
@Repository
public class AccountRepository {

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, password_hash, person_id, roles FROM account WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2),
                        rs.getObject(3) == null ? null : new PersonId(rs.getObject(3, UUID.class)),
                        Arrays.stream(rs.getString(4).split(",")).map(Role::fromWireName).collect(Collectors.toSet())))
                .optional();
    }

    /** @return false when the username is taken */
    public boolean insert(Account account) {
        try {
            jdbc.sql("INSERT INTO account (username, password_hash, person_id, roles) VALUES (?, ?, ?, ?)")
                    .params(account.username(), account.passwordHash(),
                            account.personId() == null ? null : account.personId().value(),
                            account.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(",")))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
