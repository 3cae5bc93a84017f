package io.tickwire.cluster;

import io.tickwire.TickwireApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A node with the {@link TaggedFeed}, run as its own process by tests that kill it. */
public final class TaggedFeedNode {

    private TaggedFeedNode() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(TickwireApplication.class, TaggedFeed.Configuration.class).run(args);
    }
}
