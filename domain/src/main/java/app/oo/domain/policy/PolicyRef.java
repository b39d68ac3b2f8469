package app.oo.domain.policy;

import java.util.Objects;

/** A policy as ml/serving names it: its name and the version it serves under ({@code linear-ts@1}). */
public record PolicyRef(String name, String version) {

    public PolicyRef {
        Objects.requireNonNull(name, "policy name");
        Objects.requireNonNull(version, "policy version");
    }

    /** Reads {@code name@version}, the label ml/pipelines gives a shadow run. */
    public static PolicyRef parse(String label) {
        int at = label.lastIndexOf('@');
        if (at <= 0 || at == label.length() - 1) {
            throw new IllegalArgumentException("not a policy label name@version: '" + label + "'");
        }
        return new PolicyRef(label.substring(0, at), label.substring(at + 1));
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
