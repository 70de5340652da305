#include "torchlab.h"

#include <string>

namespace {
thread_local std::string last_error;
}

void tl::set_error(const char* message) { last_error = message ? message : "(no message)"; }

TL_EXPORT const char* tl_last_error() { return last_error.c_str(); }
