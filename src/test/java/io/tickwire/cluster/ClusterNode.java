package io.tickwire.cluster;

import io.tickwire.TickwireApplication;
import io.tickwire.market.Quote;
import io.tickwire.market.Tick;
import io.tickwire.market.TickPublisher;
import io.tickwire.support.RedisServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** One whole Tickwire node in cluster mode, in this JVM, on a random port, sharing the test's Redis. */
final class ClusterNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ClusterNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param feed a bean class defining the node's {@code MarketFeed}, or {@code null} for the simulated one
     * @param settings more {@code name=value} settings
     */
    static ClusterNode start(String name, RedisServer redis, Class<?> feed, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--tickwire.node.name=" + name,
                "--tickwire.cluster.mode=redis", "--spring.data.redis.port=" + redis.port(),
                "--tickwire.cluster.probe-interval=200ms", "--tickwire.cluster.lease-ttl=1s",
                "--spring.main.banner-mode=off"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        SpringApplicationBuilder builder = feed == null ? new SpringApplicationBuilder(TickwireApplication.class)
                : new SpringApplicationBuilder(TickwireApplication.class, feed);
        return new ClusterNode(builder.run(args.toArray(String[]::new)));
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    Tick publish(String symbol, double price) {
        return context.getBean(TickPublisher.class).publish(Quote.of(symbol, price));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    boolean isRunning() {
        return context.isRunning();
    }

    @Override
    public void close() {
        context.close();
    }
}
