package io.tickwire.support;

import io.tickwire.feed.MarketFeed;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The whole application on a random port, with the users of {@code application-users.yml} and a {@link QuietFeed} of
 * AAPL and MSFT, so that every tick is one the test published and every counter moves only for what the test did.
 * At most four connections at once; client addresses come from {@code X-Forwarded-For}, so that a test can spend
 * the handshake budget of an address of its own. Test classes with this annotation share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tickwire.limits.max-connections=4",
        "server.forward-headers-strategy=native"})
@ActiveProfiles("users")
@Import(QuietApplication.Feed.class)
public @interface QuietApplication {

    @TestConfiguration(proxyBeanMethods = false)
    class Feed {

        @Bean
        MarketFeed quietFeed() {
            return new QuietFeed(List.of("AAPL", "MSFT"));
        }
    }
}
