// The one translation unit that compiles Asio's and Beast's implementation (separate compilation):
// every other file includes their headers only, which keeps rebuilds fast on a 2-core machine.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
