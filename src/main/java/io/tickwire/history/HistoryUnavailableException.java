package io.tickwire.history;

/** The store that holds the history cannot be reached or did not answer in time; asking again later may work. */
public class HistoryUnavailableException extends RuntimeException {

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
