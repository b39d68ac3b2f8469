package app.oo.sagas.ml;

/** What ml/serving serves (the incumbent) and what it runs beside it, never served (the shadow). */
public record Policies(PolicyInfo incumbent, PolicyInfo shadow) {
}
