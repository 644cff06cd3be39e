// A thin C side for the eSpeak NG synthesiser, loaded with dlopen so that
// building shownotes needs no eSpeak headers and a machine without the
// library still runs (the aligner then falls back, saying so). The
// synthesiser's samples and word events are collected in C buffers, so no Go
// callback crosses the cgo boundary.
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include "espeak.h"

typedef struct {
	int type;
	unsigned int unique_identifier;
	int text_position;
	int length;
	int audio_position;
	int sample;
	void *user_data;
	union { int number; const char *name; char string[8]; } id;
} sn_event;

typedef int (*sn_callback)(short *, int, sn_event *);

static void *lib;
static int (*p_initialize)(int, int, const char *, int);
static void (*p_set_callback)(sn_callback);
static int (*p_synth)(const void *, size_t, unsigned int, int, unsigned int, unsigned int, unsigned int *, void *);
static int (*p_set_parameter)(int, int, int);
static int (*p_set_voice)(const char *);

static short *samples;
static size_t nsamples, capsamples;
static int *word_pos, *word_ms;
static size_t nwords, capwords;
static int oom;

static int collect(short *wav, int n, sn_event *ev) {
	if (wav && n > 0) {
		if (nsamples + (size_t)n > capsamples) {
			size_t c = capsamples ? capsamples * 2 : 1 << 20;
			while (c < nsamples + (size_t)n) c *= 2;
			short *s = realloc(samples, c * sizeof(short));
			if (!s) { oom = 1; return 1; }
			samples = s; capsamples = c;
		}
		memcpy(samples + nsamples, wav, (size_t)n * sizeof(short));
		nsamples += (size_t)n;
	}
	for (; ev && ev->type != 0; ev++) {
		if (ev->type != 1) continue; // espeakEVENT_WORD
		if (nwords == capwords) {
			size_t c = capwords ? capwords * 2 : 4096;
			int *a = realloc(word_pos, c * sizeof(int));
			if (!a) { oom = 1; return 1; }
			word_pos = a;
			int *b = realloc(word_ms, c * sizeof(int));
			if (!b) { oom = 1; return 1; }
			word_ms = b;
			capwords = c;
		}
		word_pos[nwords] = ev->text_position;
		word_ms[nwords] = ev->audio_position;
		nwords++;
	}
	return 0;
}

// quiet_stderr points fd 2 at /dev/null and returns the saved fd (or -1):
// the audio libraries eSpeak NG links print to stderr while it starts (for
// instance when $HOME is not writable), though synthesis here never plays
// sound; the tool's stderr is for its own one-line messages.
static int quiet_stderr(void) {
	int saved = dup(2);
	int null = open("/dev/null", O_WRONLY);
	if (saved < 0 || null < 0) {
		if (saved >= 0) close(saved);
		if (null >= 0) close(null);
		return -1;
	}
	dup2(null, 2);
	close(null);
	return saved;
}

static void restore_stderr(int saved) {
	if (saved < 0) return;
	dup2(saved, 2);
	close(saved);
}

static int load(char *err, int errlen);

int sn_load(char *err, int errlen) {
	if (lib) return 0;
	int saved = quiet_stderr();
	int r = load(err, errlen);
	restore_stderr(saved);
	return r;
}

static int load(char *err, int errlen) {
	const char *names[] = {"libespeak-ng.so.1", "libespeak-ng.so", NULL};
	for (int i = 0; names[i] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) { snprintf(err, errlen, "%s", dlerror()); return -1; }
	p_initialize = dlsym(lib, "espeak_Initialize");
	p_set_callback = dlsym(lib, "espeak_SetSynthCallback");
	p_synth = dlsym(lib, "espeak_Synth");
	p_set_parameter = dlsym(lib, "espeak_SetParameter");
	p_set_voice = dlsym(lib, "espeak_SetVoiceByName");
	if (!p_initialize || !p_set_callback || !p_synth || !p_set_parameter || !p_set_voice) {
		snprintf(err, errlen, "libespeak-ng lacks the expected functions");
		dlclose(lib); lib = NULL; return -1;
	}
	// AUDIO_OUTPUT_SYNCHRONOUS = 2; buffer 200 ms; default data path;
	// espeakINITIALIZE_DONT_EXIT so a data error is returned, not exit().
	int rate = p_initialize(2, 200, NULL, 0x8000);
	if (rate <= 0) {
		snprintf(err, errlen, "espeak-ng data not found (install espeak-ng-data)");
		dlclose(lib); lib = NULL; return -1;
	}
	p_set_callback(collect);
	return rate;
}

int sn_voice(const char *name) { return p_set_voice(name); }
int sn_param(int p, int v) { return p_set_parameter(p, v, 0); }

int sn_synth(const char *text, size_t len) {
	nsamples = 0; nwords = 0; oom = 0;
	// POS_CHARACTER = 1, espeakCHARS_UTF8 = 1, espeakENDPAUSE = 0x1000
	int r = p_synth(text, len + 1, 0, 1, 0, 1 | 0x1000, NULL, NULL);
	if (oom) return -2;
	return r;
}

short *sn_samples(size_t *n) { *n = nsamples; return samples; }
int *sn_word_pos(void) { return word_pos; }
int *sn_word_ms(void) { return word_ms; }
size_t sn_nwords(void) { return nwords; }
