package app.oo.domain.integration;

/** A command that needs a connected integration arrived while it is disconnected or revoked (or never was). */
public class IntegrationNotConnectedException extends IllegalStateException {

    public IntegrationNotConnectedException(IntegrationId integrationId, String state, String attempted) {
        super("integration " + integrationId + " is " + state + "; " + attempted + " is refused");
    }
}
