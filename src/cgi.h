/*
 * cgi: quire as a plain CGI program: one request, from the environment
 * and stdin, to stdout. The same pipeline as a FastCGI worker's.
 */
#ifndef QUIRE_CGI_H
#define QUIRE_CGI_H

/* Reads the configuration from the environment (QUIRE_DB, QUIRE_TEMPLATES,
 * QUIRE_CLOCK), answers the request; the exit status. */
int	cgi_main(void);

#endif
