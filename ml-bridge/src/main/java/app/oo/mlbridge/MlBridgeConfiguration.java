package app.oo.mlbridge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ml/serving for the sagas: the configured URL, or the bundled service started locally. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MlBridgeProperties.class)
public class MlBridgeConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${oo.ml.url:}'.isBlank()")
    public LocalMlServingProcess localMlServing(MlBridgeProperties props, @Value("${oo.data-dir}") Path dataDir) {
        Path stateDir = props.stateDir() != null ? props.stateDir() : dataDir.resolve("ml-state");
        return LocalMlServingProcess.start(props.python(), dataDir.resolve("ml-runtime"), stateDir,
                props.startTimeout());
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService mlRetryScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ml-serving-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public OkHttpMlServing mlServing(MlBridgeProperties props, ObjectProvider<LocalMlServingProcess> local,
                                     ScheduledExecutorService mlRetryScheduler, Clock clock) {
        String url = props.startsLocalService() ? local.getObject().baseUrl() : props.url().replaceAll("/+$", "");
        return new OkHttpMlServing(() -> url, props, mlRetryScheduler, clock);
    }
}
