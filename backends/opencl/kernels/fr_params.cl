// Fr of BLS48-581 (the group order r, KZG spec 2.1, 2.3): 9 limbs, R = 2^576. Instantiates
// mont_field.cl as fr_*.
#define FIELD fr
#define NL 9
#define FIELD_MODULUS {0x18a5fe6fcd671c01UL, 0xccbe599467c24da1UL, 0xa85c7cd0562303c4UL, \
  0x41969d34c4c92016UL, 0x3fad6bc972c2e6e7UL, 0x35387a3f0b3cbe00UL, 0x3a9ccc1615c0d6c6UL,   \
  0x86f8a925e2885e23UL, 0x0000000000000023UL}
#define FIELD_INV 0x8a063fb602571bffUL
#define FIELD_ONE {0x7d377cb0ce2f11b6UL, 0x2f1ff605f8f2c27bUL, 0xa9cfe68d08b2b5c2UL,     \
  0x86eecadab46cda0eUL, 0x0e4fd5f73d84ea86UL, 0x22d22b99dd459d7dUL, 0xc6cad564ce843c90UL,   \
  0xe01cdd09237a0306UL, 0x0000000000000013UL}
