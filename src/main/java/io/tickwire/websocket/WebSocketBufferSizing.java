package io.tickwire.websocket;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Sizes the container's per-connection WebSocket frame and encoder buffers. Tomcat reads their size once, from a
 * system property, when its WebSocket classes load, so it is set here, before the server starts, unless the
 * operator set it on the command line. Every open connection holds these buffers whether it is busy or idle.
 */
public class WebSocketBufferSizing implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String TOMCAT_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final String SETTING = "tickwire.websocket.frame-buffer-bytes";
    static final int DEFAULT_BYTES = 2048;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (System.getProperty(TOMCAT_BUFFER_SIZE) == null) {
            int bytes = event.getEnvironment().getProperty(SETTING, Integer.class, DEFAULT_BYTES);
            System.setProperty(TOMCAT_BUFFER_SIZE, Integer.toString(bytes));
        }
    }
}
