package app.oo.web.identity;

import app.oo.domain.person.PersonId;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

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
                .query(AccountRepository::account)
                .optional();
    }

    /** The account an upstream provider's person signs in to, by the provider's issuer and subject. */
    public Optional<Account> findByProvider(String issuer, String subject) {
        return jdbc.sql("""
                        SELECT a.username, a.password_hash, a.person_id, a.roles FROM account a
                        JOIN account_provider p ON p.username = a.username WHERE p.issuer = ? AND p.subject = ?""")
                .params(issuer, subject)
                .query(AccountRepository::account)
                .optional();
    }

    /**
     * A password-less account and its provider link, both or neither.
     *
     * @return false when the username or the provider's (issuer, subject) is taken
     */
    @Transactional
    public boolean insertFederated(Account account, String issuer, String subject, String registrationId) {
        if (account.passwordHash() != null) {
            throw new IllegalArgumentException("a provider's account has no password");
        }
        int accounts = jdbc.sql("""
                        INSERT INTO account (username, password_hash, person_id, roles) VALUES (?, NULL, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(account.username(), account.personId() == null ? null : account.personId().value(),
                        account.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(",")))
                .update();
        if (accounts == 0) {
            return false;
        }
        int links = jdbc.sql("""
                        INSERT INTO account_provider (issuer, subject, username, registration_id) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(issuer, subject, account.username(), registrationId)
                .update();
        if (links == 0) {
            throw new DuplicateKeyException("the provider's subject is linked to another account already");
        }
        return true;
    }

    /**
     * Closes a person's account: the account, its provider links, and every authorization the
     * authorization server holds for it (so no refresh token outlives it).
     */
    @Transactional
    public void deletePersonAccount(PersonId personId) {
        jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name IN (SELECT username FROM account WHERE person_id = ?)")
                .param(personId.value()).update();
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name IN (SELECT username FROM account WHERE person_id = ?)")
                .param(personId.value()).update();
        jdbc.sql("DELETE FROM account WHERE person_id = ?").param(personId.value()).update();
    }

    private static Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Account(rs.getString(1), rs.getString(2),
                rs.getObject(3) == null ? null : new PersonId(rs.getObject(3, UUID.class)),
                Arrays.stream(rs.getString(4).split(",")).map(Role::fromWireName).collect(Collectors.toSet()));
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
