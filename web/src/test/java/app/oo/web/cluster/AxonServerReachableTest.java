package app.oo.web.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class AxonServerReachableTest {

    @Test
    void stopsTheStartWithTheAddressesTriedWhenNoServerAnswers() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AxonServerReachable check = new AxonServerReachable();
        check.setEnvironment(new MockEnvironment()
                .withProperty("axon.axonserver.servers", "127.0.0.1:" + closed)
                .withProperty("oo.axonserver.start-timeout", "1ms"));
        assertThatThrownBy(() -> check.postProcessBeanFactory(new DefaultListableBeanFactory()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Axon Server answered")
                .hasMessageContaining("127.0.0.1:" + closed)
                .hasMessageContaining("without the axonserver profile");
    }

    @Test
    void letsTheStartGoOnWhenOneServerAnswers() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AxonServerReachable check = new AxonServerReachable();
            check.setEnvironment(new MockEnvironment()
                    .withProperty("axon.axonserver.servers", "127.0.0.1:1,127.0.0.1:" + server.getLocalPort()));
            assertThatCode(() -> check.postProcessBeanFactory(new DefaultListableBeanFactory())).doesNotThrowAnyException();
        }
    }
}
