// Fr of BLS48-581 (the group order r, KZG spec 2.1, 2.3). Instantiates mont_field.cl as fr_*.
// Host layout: 9 x 64-bit little-endian limbs, R = 2^576, i.e. these 18 x 32-bit words.
#define FIELD fr
#define NW 18
#define FIELD_MODULUS {0xcd671c01u, 0x18a5fe6fu, 0x67c24da1u, 0xccbe5994u, 0x562303c4u, 0xa85c7cd0u, \
  0xc4c92016u, 0x41969d34u, 0x72c2e6e7u, 0x3fad6bc9u, 0x0b3cbe00u, 0x35387a3fu, \
  0x15c0d6c6u, 0x3a9ccc16u, 0xe2885e23u, 0x86f8a925u, 0x00000023u, 0x00000000u}
#define FIELD_INV 0x02571bffu
#define FIELD_ONE {0xce2f11b6u, 0x7d377cb0u, 0xf8f2c27bu, 0x2f1ff605u, 0x08b2b5c2u, 0xa9cfe68du, \
  0xb46cda0eu, 0x86eecadau, 0x3d84ea86u, 0x0e4fd5f7u, 0xdd459d7du, 0x22d22b99u, \
  0xce843c90u, 0xc6cad564u, 0x237a0306u, 0xe01cdd09u, 0x00000013u, 0x00000000u}
