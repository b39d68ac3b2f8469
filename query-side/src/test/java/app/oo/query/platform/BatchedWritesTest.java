package app.oo.query.platform;

import static app.oo.query.jooq.Tables.DECISION_LOG;
import static app.oo.query.jooq.Tables.PERSON_TIP;
import static org.assertj.core.api.Assertions.assertThat;

import app.oo.query.jooq.tables.records.PersonTipRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.Test;

class BatchedWritesTest {

    /** What reached the driver: one entry per statement or batch, with how many rows it carried. */
    private final List<String> executed = new ArrayList<>();
    private final List<String> sql = new ArrayList<>();
    private final DSLContext db = DSL.using(new MockConnection(ctx -> {
        String sql = ctx.batchSQL()[0];
        this.sql.add(sql);
        int rows = ctx.batchBindings().length == 0 ? 1 : ctx.batchBindings().length;
        executed.add(sql.substring(0, sql.indexOf(' ')) + " " + (sql.contains("person_tip") ? "person_tip"
                : "decision_log") + " x" + rows);
        return new MockResult[] {new MockResult(rows, null)};
    }), SQLDialect.POSTGRES);

    @Test
    void oneBatchPerStatementInsertsBeforeUpdatesBeforeDeletes() {
        BatchedWrites.Batch batch = new BatchedWrites.Batch();
        UUID person = UUID.randomUUID();
        batch.add(db.deleteFrom(PERSON_TIP).where(PERSON_TIP.PERSON_ID.eq(person)));
        batch.add(db.update(DECISION_LOG).set(DECISION_LOG.REWARD, 1.0).where(DECISION_LOG.DECISION_ID.eq(UUID.randomUUID())));
        for (int i = 0; i < 3; i++) {
            batch.add(db.insertInto(PERSON_TIP).set(PERSON_TIP.TIP_ID, UUID.randomUUID())
                    .set(PERSON_TIP.PERSON_ID, person).set(PERSON_TIP.CATEGORY, "focus")
                    .set(PERSON_TIP.ISSUED_AT, OffsetDateTime.now()).onConflictDoNothing());
        }
        batch.add(db.update(DECISION_LOG).set(DECISION_LOG.REWARD, 0.0).where(DECISION_LOG.DECISION_ID.eq(UUID.randomUUID())));

        batch.flush();

        assertThat(executed).containsExactly("insert person_tip x3", "update decision_log x2", "delete person_tip x1");
    }

    @Test
    void insertOnlyRowsBecomeOneBatchedInsertBeforeEveryStatement() {
        BatchedWrites.Batch batch = new BatchedWrites.Batch();
        UUID person = UUID.randomUUID();
        batch.add(db.deleteFrom(PERSON_TIP).where(PERSON_TIP.PERSON_ID.eq(person)));
        for (int i = 0; i < 3; i++) {
            PersonTipRecord row = db.newRecord(PERSON_TIP);
            row.setTipId(UUID.randomUUID());
            row.setPersonId(person);
            row.setCategory("focus");
            row.setIssuedAt(OffsetDateTime.now());
            batch.insert(row);
        }

        batch.flush();

        assertThat(executed).containsExactly("insert person_tip x3", "delete person_tip x1");
        assertThat(sql.get(0)).startsWith("insert into \"person_tip\"").endsWith("on conflict do nothing");
    }

    @Test
    void aFlushedBatchStartsEmpty() {
        BatchedWrites.Batch batch = new BatchedWrites.Batch();
        batch.add(db.deleteFrom(PERSON_TIP).where(PERSON_TIP.PERSON_ID.eq(UUID.randomUUID())));
        batch.flush();
        batch.flush();

        assertThat(executed).hasSize(1);
    }
}
