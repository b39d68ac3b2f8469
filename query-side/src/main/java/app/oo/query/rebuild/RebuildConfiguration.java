package app.oo.query.rebuild;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wiring of the rebuild service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RebuildProperties.class)
public class RebuildConfiguration {
}
