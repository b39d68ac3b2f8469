package app.oo.web.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * With the {@code axonserver} profile, the start fails within seconds when no Axon Server
 * answers: Axon's connector itself retries forever (even with {@code force-connect-on-startup}),
 * leaving a node that looks up but handles nothing. Runs before any bean is created.
 */
public final class AxonServerReachable implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String servers = environment.getProperty("axon.axonserver.servers", "localhost:8124");
        Duration wait = DurationStyle.detectAndParse(environment.getProperty("oo.axonserver.start-timeout", "15s"));
        List<String> tried = new ArrayList<>();
        Instant until = Instant.now().plus(wait);
        do {
            tried.clear();
            for (String server : servers.split(",")) {
                String hostPort = server.trim();
                int colon = hostPort.lastIndexOf(':');
                String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                int port = colon < 0 ? 8124 : Integer.parseInt(hostPort.substring(colon + 1));
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), 2000);
                    return;
                } catch (IOException e) {
                    tried.add(hostPort + " (" + e.getMessage() + ")");
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (Instant.now().isBefore(until));
        throw new IllegalStateException("the axonserver profile is on but no Axon Server answered within " + wait
                + " at " + tried + ": start Axon Server (infra/compose.yaml), set AXON_SERVERS=host:port,"
                + " or start without the axonserver profile to use the JDBC event store");
    }
}
