package io.inkstream.violation.loop;

import io.inkstream.violation.loop.back.Pong;

/** Half of a package cycle, on purpose, for {@code BoundariesViolationsTest}: never runs. */
public class Ping {

    Pong pong;
}
