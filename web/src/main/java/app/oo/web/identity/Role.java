package app.oo.web.identity;

import java.util.Locale;

/** What an account may do: receive tips, analyse (projections, simulations), or handle erasures. */
public enum Role {
    PERSON, ANALYST, COMPLIANCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, e.g. {@code ROLE_person}. */
    public String authority() {
        return "ROLE_" + wireName();
    }

    public static Role fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
