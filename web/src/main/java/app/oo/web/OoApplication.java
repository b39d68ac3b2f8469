package app.oo.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** oO: one perfectly-timed personal tip. The one deployable: API, page, sign-in, projections, sagas. */
@SpringBootApplication(scanBasePackages = "app.oo")
@ConfigurationPropertiesScan("app.oo.web")
public class OoApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home; oO runs where only its own services are reachable.
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(OoApplication.class, args);
    }
}
