package app.oo.web.cluster;

import java.lang.management.ManagementFactory;

/**
 * This node's name: Axon's token owner ({@code pid@host}, the JVM's name) prefixed, and the
 * {@code application_name} of each of its database connections, so {@code pg_stat_activity}
 * shows which nodes are alive. A killed node's connections vanish with it.
 */
public final class NodeName {

    public static final String PREFIX = "oo-node ";

    private NodeName() {
    }

    public static String current() {
        return PREFIX + ManagementFactory.getRuntimeMXBean().getName();
    }
}
