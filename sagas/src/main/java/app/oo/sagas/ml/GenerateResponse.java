package app.oo.sagas.ml;

import java.util.List;

/** The candidates, and whether they came from the LLM or the template generator. */
public record GenerateResponse(List<Candidate> candidates, String source) {
}
