package io.inkstream.violation.loop.back;

import io.inkstream.violation.loop.Ping;

/** The other half of the package cycle. */
public class Pong {

    Ping ping;
}
