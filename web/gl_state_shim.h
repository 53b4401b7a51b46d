// Force-included into ImGui's OpenGL3 backend only (web/CMakeLists.txt): its
// glGetIntegerv calls go to lesson_gl_get_integerv (web/gl_state_shim.cpp).
//
// Why: the backend reads back about a dozen pieces of GL state every frame so
// that it can restore them afterwards. In a browser each read is a synchronous
// round trip to the GPU process that first waits for all queued GPU work:
// measured in headless Chromium, 680 ms of main-thread time over the page's
// first four frames, almost all of the page's start-up blocking time.
// The page is the only user of its WebGL context, so the state between frames
// is known and the shim answers from it instead.
#pragma once

#define glGetIntegerv lesson_gl_get_integerv
