package io.tickwire.cluster;

import io.tickwire.history.Epochs;

/**
 * This process among the nodes sharing a Redis: the node's name for people, and a random part so that two
 * processes given the same name (or a node restarted at once) are still told apart.
 */
record NodeId(String value) {

    static NodeId of(String name) {
        return new NodeId(name + "-" + new Epochs().get());
    }
}
