package app.oo.sagas.erasure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Settings of the erasure saga; its ports are implemented in web. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ErasureSagaProperties.class)
public class ErasureSagaConfiguration {
}
