#ifndef DOCKETKIT_CCMARK_SHIM_H
#define DOCKETKIT_CCMARK_SHIM_H
#include <cmark.h>
#endif
