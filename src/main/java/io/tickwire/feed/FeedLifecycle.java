package io.tickwire.feed;

import io.tickwire.history.HistoryUnavailableException;
import io.tickwire.market.Quote;
import io.tickwire.market.TickPublisher;
import io.tickwire.market.UnknownSymbolException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the {@link MarketFeed} while the application runs, publishing each quote of the symbols this node
 * {@linkplain FeedLeadership leads}.
 */
final class FeedLifecycle implements SmartLifecycle {

    /**
     * After the web server starts ({@code DEFAULT_PHASE - 2048}), so that the first ticks find the server
     * ready, and so stopped before it stops.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Log logger = LogFactory.getLog(FeedLifecycle.class);

    private final MarketFeed feed;

    private final TickPublisher publisher;

    private final FeedLeadership leadership;

    private final Set<String> warnedSymbols = ConcurrentHashMap.newKeySet();

    private volatile boolean running;

    private boolean historyDown;

    FeedLifecycle(MarketFeed feed, TickPublisher publisher, FeedLeadership leadership) {
        this.feed = feed;
        this.publisher = publisher;
        this.leadership = leadership;
    }

    @Override
    public void start() {
        feed.start(this::publish);
        running = true;
    }

    @Override
    public void stop() {
        try {
            feed.stop();
        }
        finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void publish(Quote quote) {
        if (!leadership.leads(quote.symbol())) {
            return;
        }
        try {
            publisher.offer(quote);
            historyDown = false;
        }
        catch (HistoryUnavailableException ex) {
            // one line per outage: the quotes are lost, and health says why until the store is back
            if (!historyDown) {
                historyDown = true;
                logger.warn("Dropping the feed's quotes until the shared history answers again: " + ex.getMessage());
            }
        }
        catch (UnknownSymbolException ex) {
            // a feed that keeps sending a symbol the server does not carry would otherwise log on every quote
            if (warnedSymbols.add(ex.symbol())) {
                logger.warn("Dropping quotes for " + ex.symbol() + ": the feed produces it but the server does not"
                        + " carry it (logged once per symbol)");
            }
        }
    }
}
