package io.staticinvoice.gateway;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty transport the gateway's sockets use: Linux's epoll through Netty's native library
 * when it loads here (edge-triggered, fewer system calls and wake-ups per message than the JDK's
 * selector: a few per cent of the server's CPU under LDK payers' traffic, docs/BENCHMARKS.md),
 * else the JDK's NIO, which works everywhere. Chosen once per JVM and logged.
 */
enum Transport {

    EPOLL, NIO;

    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    private static final Transport SELECTED = select();

    /** The transport of this JVM. */
    static Transport get() {
        return SELECTED;
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> clientChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private static Transport select() {
        if (Epoll.isAvailable()) {
            log.info("Lightning transport: epoll");
            return EPOLL;
        }
        log.info("Lightning transport: NIO (epoll unavailable: {})", Epoll.unavailabilityCause().toString());
        return NIO;
    }
}
