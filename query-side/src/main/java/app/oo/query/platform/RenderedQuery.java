package app.oo.query.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * A jOOQ query rendered once, with sentinel objects standing for the values of each run: a run
 * binds, in the rendered order, the value its sentinel stands for, and every other bind value (a
 * constant of the query) as it was. For queries on a hot path, where rendering them per call was
 * half of their CPU. Rendered with the given {@link DSLContext}'s settings, so a rebuild's instance
 * reads its own tables.
 */
public record RenderedQuery(String sql, List<Object> binds, Predicate<Object> isSentinel) {

    /** @param isSentinel which bind values stand for a run's value (and must be given one) */
    public static RenderedQuery of(DSLContext db, Query query, Predicate<Object> isSentinel) {
        return new RenderedQuery(db.render(query), db.extractBindValues(query), isSentinel);
    }

    /** The statement with every sentinel bound to its value in {@code values}. */
    public PreparedStatement prepare(Connection c, Map<Object, Object> values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < binds.size(); i++) {
                Object bind = binds.get(i);
                Object value = values.getOrDefault(bind, bind);
                if (value == bind && isSentinel.test(bind)) {
                    throw new IllegalStateException("no value for the sentinel " + bind + " in " + sql);
                }
                ps.setObject(i + 1, value);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
