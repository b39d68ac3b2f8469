package app.oo.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

class SegmentBalancerTest {

    private final TokenStore tokens = mock(TokenStore.class);
    private final SegmentBalancer balancer = new SegmentBalancer(null, tokens, NoTransactionManager.INSTANCE, null,
            new ClusterProperties(true, Duration.ofSeconds(5), Duration.ofSeconds(20)));

    @Test
    void aProcessorWithMoreSegmentsThanItsShareGivesOneUp() {
        StreamingEventProcessor features = processor("person-features", 2, 0, 1);

        assertThat(balancer.balance(features, 2)).isEqualTo(1);
        verify(features).releaseSegment(eq(1), anyLong(), eq(TimeUnit.MILLISECONDS));
        assertThat(balancer.balance(processor("tip-feed", 2, 0), 2)).as("one of two: its share").isEqualTo(-1);
    }

    @Test
    void twoSegmentsOnThreeNodesLeaveNoProcessorOverItsShareYetTheNodeOverItsOverallShareGivesOneUp() {
        StreamingEventProcessor features = processor("person-features", 2, 0);
        StreamingEventProcessor feed = processor("tip-feed", 2, 1);
        StreamingEventProcessor log = processor("decision-log", 2, 0, 1);
        // this node holds 4 of 6 segments with 3 live nodes: its share is 2, a third node holds none

        assertThat(balancer.balance(features, 3)).isEqualTo(-1);
        assertThat(balancer.balance(feed, 3)).isEqualTo(-1);
        assertThat(balancer.rebalanceOverall(List.of(features, feed, log), 3))
                .as("released from the processor it holds most of").isEqualTo("decision-log/1");
        verify(features, never()).releaseSegment(anyInt(), anyLong(), eq(TimeUnit.MILLISECONDS));
    }

    @Test
    void aNodeWithinItsOverallShareOrAloneKeepsWhatItHolds() {
        StreamingEventProcessor features = processor("person-features", 2, 0);
        StreamingEventProcessor feed = processor("tip-feed", 2, 1);

        assertThat(balancer.rebalanceOverall(List.of(features, feed), 3)).isNull();
        assertThat(balancer.rebalanceOverall(List.of(processor("decision-log", 2, 0, 1)), 1)).isNull();
    }

    private StreamingEventProcessor processor(String name, int segments, Integer... held) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.getName()).thenReturn(name);
        Map<Integer, EventTrackerStatus> status = new HashMap<>();
        for (Integer segment : held) {
            status.put(segment, mock(EventTrackerStatus.class));
        }
        when(processor.processingStatus()).thenReturn(status);
        int[] ids = new int[segments];
        for (int i = 0; i < segments; i++) {
            ids[i] = i;
        }
        when(tokens.fetchSegments(name)).thenReturn(ids);
        return processor;
    }
}
