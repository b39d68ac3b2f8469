package app.oo.command.integration;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The token vault, keyed from {@code oo.vault.key}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
public class IntegrationConfiguration {

    @Bean
    public TokenVault tokenVault(JdbcClient jdbc, VaultProperties properties, ObjectProvider<Clock> clock) {
        return new JdbcTokenVault(jdbc, properties.key(), clock.getIfAvailable(Clock::systemUTC));
    }
}
