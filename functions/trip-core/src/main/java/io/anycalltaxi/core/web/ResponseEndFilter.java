package io.anycalltaxi.core.web;

import java.io.IOException;
import java.io.PrintWriter;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Ends each response before the request leaves the servlet. Boot's graceful shutdown on Tomcat counts
 * a request done once the servlet returns, while Tomcat writes the response's end (the last chunk,
 * or all of a short body) only after that: a function told to stop could close the connection in
 * between and cut short an answer it had given. Not for an asynchronous request (an event stream).
 * After {@code sendError} Tomcat holds the response for its error page, and closing it here does nothing.
 */
public class ResponseEndFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Ending ending = new Ending(response);
        chain.doFilter(request, ending);
        if (!request.isAsyncStarted()) {
            ending.end();
        }
    }

    /** Remembers whether the body was written as text, which then is what to close. */
    private static final class Ending extends HttpServletResponseWrapper {

        private boolean writer;

        Ending(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            writer = true;
            return super.getWriter();
        }

        /** Closing the body is what Tomcat does to end a response: the same bytes, only sooner. */
        void end() throws IOException {
            if (writer) {
                super.getWriter().close();
            } else {
                super.getOutputStream().close();
            }
        }
    }
}
