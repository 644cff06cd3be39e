#include <stddef.h>
int sn_load(char *err, int errlen);
int sn_voice(const char *name);
int sn_param(int p, int v);
int sn_synth(const char *text, size_t len);
short *sn_samples(size_t *n);
int *sn_word_pos(void);
int *sn_word_ms(void);
size_t sn_nwords(void);
