package app.oo.command.tip;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The tip's timings come from configuration; the aggregate receives them as a handler parameter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TipTimings.class)
public class TipConfiguration {
}
