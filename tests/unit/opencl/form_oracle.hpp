#pragma once
// A slow, obvious model of class-group squaring (VDF spec 4.1 and 4.2 with GMP) that the
// OpenCL VDF kernel is checked against. Test code only.
#include <gmpxx.h>

#include "engine/common/bytes.hpp"

namespace proofgrid::test::forms {

struct Form {
  mpz_class a, b, c;
};

Form generator(const mpz_class& d);  // (2, 1, (1 - d) / 8) for d = 1 mod 8, d < 0
Form reduce(Form f);                 // spec 4.1
Form square(const Form& f);          // spec 4.2, then reduce
Bytes encode(const Form& f);         // spec 5: Enc(a, b), 258 bytes

}  // namespace proofgrid::test::forms
