package app.oo.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewTablesTest {

    @Test
    void anIndexShapeIgnoresItsOwnNameAndItsTablesName() {
        assertThat(ViewTables.shape("CREATE INDEX person_signal_person_occurred_idx ON public.person_signal USING btree"
                + " (person_id, occurred_at)"))
                .isEqualTo(ViewTables.shape("CREATE INDEX person_signal_rebuild_person_id_occurred_at_idx ON"
                        + " public.person_signal_rebuild USING btree (person_id, occurred_at)"));
        assertThat(ViewTables.shape("CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)"))
                .isEqualTo("CREATE UNIQUE INDEX USING btree (id)");
        assertThat(ViewTables.shape("CREATE INDEX a ON public.t USING btree (p) WHERE ((s)::text = 'calendar'::text)"))
                .isNotEqualTo(ViewTables.shape("CREATE INDEX b ON public.t USING btree (p)"));
    }

    @Test
    void snapshotNamesAreNewLowerCaseIdentifiers() {
        assertThat(ViewTables.SCHEMA_NAME.matcher("asof_2026_11_25").matches()).isTrue();
        assertThat(ViewTables.SCHEMA_NAME.matcher("1abc").matches()).isFalse();
        assertThat(ViewTables.SCHEMA_NAME.matcher("x; drop table y").matches()).isFalse();
        assertThat(ViewTables.SCHEMA_NAME.matcher("Upper").matches()).isFalse();
        assertThat(ViewTables.isReservedSchema("public")).isTrue();
        assertThat(ViewTables.isReservedSchema("pg_catalog")).isTrue();
        assertThat(ViewTables.isReservedSchema("asof_x")).isFalse();
    }
}
