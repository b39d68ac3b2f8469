package app.oo.query.platform;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * One projection as the platform sees it: its processing group, the tables it alone writes, and how
 * to make a second instance of it that writes through another {@link DSLContext} (one whose render
 * mapping sends its tables to fresh tables or to a snapshot schema) for a rebuild.
 *
 * @param name   the processing group, which is also the tracking processor's name
 * @param tables the tables it owns, in the order they are created and swapped
 * @param shadow makes an instance writing through the given context; it must not emit query updates
 */
public record ProjectionDefinition(String name, List<Table<?>> tables, Function<DSLContext, Object> shadow) {

    public ProjectionDefinition {
        Objects.requireNonNull(name, "name");
        tables = List.copyOf(tables);
        Objects.requireNonNull(shadow, "shadow");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("projection " + name + " owns no table");
        }
    }

    public List<String> tableNames() {
        return tables.stream().map(Table::getName).toList();
    }
}
