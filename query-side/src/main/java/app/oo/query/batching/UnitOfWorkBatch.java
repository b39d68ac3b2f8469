package app.oo.query.batching;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Defers a projection's writes to the end of the processor's batch: a tracking processor handles
 * up to batch-size events in one unit of work, and the writes queued here run as JDBC batches
 * (rewritten into multi-row statements by {@code reWriteBatchedInserts}) when that unit of work
 * prepares its commit, inside the same transaction as the token update. Consecutive writes with
 * the same SQL form one batch; order is kept. Only for handlers that do not read what they just
 * wrote. Outside a unit of work a write runs at once.
 */
public final class UnitOfWorkBatch {

    private final DSLContext db;
    private final String resourceKey;

    public UnitOfWorkBatch(DSLContext db, String name) {
        this.db = db;
        this.resourceKey = UnitOfWorkBatch.class.getName() + "/" + name;
    }

    public void add(Query query) {
        if (!CurrentUnitOfWork.isStarted()) {
            query.execute();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Query> queued = root.getOrComputeResource(resourceKey, key -> {
            List<Query> list = new ArrayList<>();
            root.onPrepareCommit(u -> flush(list));
            return list;
        });
        queued.add(query);
    }

    private void flush(List<Query> queued) {
        int i = 0;
        while (i < queued.size()) {
            Query first = queued.get(i);
            String sql = first.getSQL();
            int j = i + 1;
            while (j < queued.size() && queued.get(j).getSQL().equals(sql)) {
                j++;
            }
            if (j - i == 1) {
                first.execute();
            } else {
                BatchBindStep batch = db.batch(first);
                for (int k = i; k < j; k++) {
                    batch = batch.bind(queued.get(k).getBindValues().toArray());
                }
                batch.execute();
            }
            i = j;
        }
        queued.clear();
    }
}
