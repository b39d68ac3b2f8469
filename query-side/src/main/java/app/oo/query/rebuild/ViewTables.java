package app.oo.query.rebuild;

import static org.jooq.impl.DSL.name;

import app.oo.domain.projection.RebuildView;
import app.oo.query.platform.ProjectionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The tables a rebuild writes and how they replace the live ones. A projection writes through a
 * {@link DSLContext} whose render mapping sends its tables elsewhere: to {@code <table>_rebuild}
 * beside the live ones, or to the same names in a snapshot schema. Fresh tables are copies of the
 * live ones ({@code LIKE ... INCLUDING ALL}); the swap drops the live table, renames the fresh one
 * and gives its indexes (and so its primary-key constraint) the names Flyway gave the old ones, so
 * later migrations that name them still apply.
 */
final class ViewTables {

    static final String REBUILD_SUFFIX = "_rebuild";
    /** Lower-case identifiers only: a snapshot name is typed on a command line and read by ml/pipelines. */
    static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern INDEX_DEF = Pattern.compile("^(CREATE (?:UNIQUE )?INDEX) \\S+ ON \\S+ (.*)$");

    private final DSLContext db;

    ViewTables(DSLContext db) {
        this.db = db;
    }

    static boolean isReservedSchema(String schema) {
        return schema.equals("public") || schema.equals("information_schema") || schema.startsWith("pg_");
    }

    String liveSchema() {
        return db.fetchValue(DSL.field("current_schema()", String.class));
    }

    /** A context writing the projection's tables to {@code <table>_rebuild}. */
    DSLContext forFreshTables(ProjectionDefinition definition) {
        MappedSchema mapping = new MappedSchema().withInput("");
        for (Table<?> table : definition.tables()) {
            mapping.withTables(new MappedTable().withInput(table.getName()).withOutput(table.getName() + REBUILD_SUFFIX));
        }
        return mapped(mapping);
    }

    /** A context writing the projection's tables (and only those are expected there) to the snapshot schema. */
    DSLContext forSnapshot(String schema) {
        return mapped(new MappedSchema().withInput("").withOutput(schema));
    }

    private DSLContext mapped(MappedSchema mapping) {
        Settings settings = (Settings) db.settings().clone();
        settings.setRenderMapping(new RenderMapping().withSchemata(mapping));
        return DSL.using(db.configuration().derive(settings));
    }

    void createFresh(ProjectionDefinition definition) {
        dropFresh(definition);
        for (Table<?> table : definition.tables()) {
            db.execute("create table {0} (like {1} including all)", fresh(table), name(table.getName()));
        }
    }

    void dropFresh(ProjectionDefinition definition) {
        for (Table<?> table : definition.tables()) {
            db.execute("drop table if exists {0}", fresh(table));
        }
    }

    /** Creates the snapshot schema if needed and the projection's tables in it; refuses to overwrite one. */
    void createSnapshot(ProjectionDefinition definition, String schema) {
        db.execute("create schema if not exists {0}", name(schema));
        for (Table<?> table : definition.tables()) {
            if (exists(schema, table.getName())) {
                throw new RebuildRefusedException(RebuildRefusedException.Reason.INVALID, "snapshot",
                        "snapshot schema '" + schema + "' already holds " + table.getName()
                                + "; choose a new name or drop it");
            }
        }
        String live = liveSchema();
        for (Table<?> table : definition.tables()) {
            db.execute("create table {0} (like {1} including all)", name(schema, table.getName()),
                    name(live, table.getName()));
        }
    }

    void dropSnapshot(ProjectionDefinition definition, String schema) {
        for (Table<?> table : definition.tables()) {
            db.execute("drop table if exists {0}", name(schema, table.getName()));
        }
    }

    /**
     * Drops the indexes of the given tables that back no constraint and are not unique, and returns
     * the statements that build them again: a table filled in bulk takes its rows faster without
     * them, and an index built once over the full table is smaller than one grown row by row.
     * Primary keys and unique indexes stay, so insert-if-absent and upserts behave as on the live
     * table.
     */
    List<String> deferIndexes(String schema, List<String> tableNames) {
        List<String> definitions = new ArrayList<>();
        for (String table : tableNames) {
            db.resultQuery("""
                            select i.indexname, i.indexdef from pg_indexes i
                            where i.schemaname = {0} and i.tablename = {1} and i.indexdef not like 'CREATE UNIQUE %'
                              and not exists (select 1 from pg_constraint c join pg_class x on x.oid = c.conindid
                                join pg_namespace n on n.oid = x.relnamespace
                                where x.relname = i.indexname and n.nspname = i.schemaname)
                            order by i.indexname""", DSL.val(schema), DSL.val(table))
                    .fetch()
                    .forEach(r -> {
                        db.execute("drop index {0}", name(schema, r.get(0, String.class)));
                        definitions.add(r.get(1, String.class));
                    });
        }
        return definitions;
    }

    /** Builds the deferred indexes and refreshes the planner's statistics of the filled tables. */
    void buildIndexes(String schema, List<String> tableNames, List<String> definitions) {
        // as PostgreSQL printed them: run verbatim, not through jOOQ's templating
        db.connection(connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                for (String definition : definitions) {
                    statement.execute(definition);
                }
            }
        });
        for (String table : tableNames) {
            db.execute("analyze {0}", name(schema, table));
        }
    }

    /** The names of the projection's tables as a rebuild writes them: fresh ones, or the same in a snapshot. */
    static List<String> rebuiltNames(ProjectionDefinition definition, boolean snapshot) {
        return definition.tableNames().stream().map(t -> snapshot ? t : t + REBUILD_SUFFIX).toList();
    }

    boolean exists(String schema, String table) {
        return db.fetchExists(DSL.selectOne().from(DSL.table(name("information_schema", "tables")))
                .where(DSL.field(name("table_schema")).eq(schema))
                .and(DSL.field(name("table_name")).eq(table)));
    }

    /** Rows only in the live table and only in the fresh one, per table (call before {@link #swap}). */
    List<RebuildView.TableDifference> compare(ProjectionDefinition definition, boolean comparable) {
        List<RebuildView.TableDifference> differences = new ArrayList<>();
        for (Table<?> table : definition.tables()) {
            Name live = name(table.getName());
            long onlyLive = countExcept(live, fresh(table));
            long onlyFresh = countExcept(fresh(table), live);
            differences.add(new RebuildView.TableDifference(table.getName(), comparable, onlyLive, onlyFresh));
        }
        return differences;
    }

    private long countExcept(Name left, Name right) {
        return db.resultQuery("select count(*) from (select * from {0} except all select * from {1}) d", left, right)
                .fetchOne(0, Long.class);
    }

    /** Replaces each live table by its fresh copy, keeping the index and constraint names. Run in a transaction. */
    void swap(ProjectionDefinition definition) {
        String schema = liveSchema();
        for (Table<?> table : definition.tables()) {
            String live = table.getName();
            String fresh = live + REBUILD_SUFFIX;
            Map<String, String> liveIndexes = indexesByShape(schema, live);
            Map<String, String> freshIndexes = indexesByShape(schema, fresh);
            db.execute("drop table {0}", name(live));
            db.execute("alter table {0} rename to {1}", name(fresh), name(live));
            freshIndexes.forEach((shape, freshName) -> {
                String liveName = liveIndexes.get(shape);
                if (liveName != null && !liveName.equals(freshName)) {
                    db.execute("alter index {0} rename to {1}", name(schema, freshName), name(liveName));
                }
            });
        }
    }

    /** Index name by its definition with the index and table names taken out. */
    private Map<String, String> indexesByShape(String schema, String table) {
        Map<String, String> byShape = new HashMap<>();
        db.resultQuery("select indexname, indexdef from pg_indexes where schemaname = {0} and tablename = {1}",
                        DSL.val(schema), DSL.val(table))
                .fetch()
                .forEach(r -> byShape.put(shape(r.get(1, String.class)), r.get(0, String.class)));
        return byShape;
    }

    static String shape(String indexDefinition) {
        Matcher m = INDEX_DEF.matcher(indexDefinition);
        return m.matches() ? m.group(1) + " " + m.group(2) : indexDefinition;
    }

    private static Name fresh(Table<?> table) {
        return name(table.getName() + REBUILD_SUFFIX);
    }
}
