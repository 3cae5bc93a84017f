package io.tickwire.websocket;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This server among others.
 *
 * @param name announced in {@code welcome} so clients and logs can tell nodes apart; defaults to the host name
 */
@ConfigurationProperties("tickwire.node")
public record NodeProperties(String name) {

    public String nameOrHost() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "tickwire";
        }
    }
}
