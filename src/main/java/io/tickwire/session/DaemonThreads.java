package io.tickwire.session;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.concurrent.ThreadFactory;

/** Threads named after their job, that never keep the JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix + "-");
        factory.setDaemon(true);
        return factory;
    }
}
