// Answers ImGui's per-frame GL state backup without asking the GPU process
// (see gl_state_shim.h). The values are the state the page leaves between
// frames: nothing bound, blending at GL's defaults. Restoring them is what the
// rest of the page expects: it binds what it uses each time it draws. Anything
// not listed (version, limits, extensions: asked once at start-up) is real.
#include <GLES3/gl3.h>

extern "C" void lesson_gl_get_integerv(GLenum name, GLint* out) {
  switch (name) {
    case GL_ACTIVE_TEXTURE:
      *out = GL_TEXTURE0;
      return;
    case GL_CURRENT_PROGRAM:
    case GL_TEXTURE_BINDING_2D:
    case GL_ARRAY_BUFFER_BINDING:
    case GL_ELEMENT_ARRAY_BUFFER_BINDING:
    case GL_VERTEX_ARRAY_BINDING:
      *out = 0;
      return;
    case GL_BLEND_SRC_RGB:
    case GL_BLEND_SRC_ALPHA:
      *out = GL_ONE;
      return;
    case GL_BLEND_DST_RGB:
    case GL_BLEND_DST_ALPHA:
      *out = GL_ZERO;
      return;
    case GL_BLEND_EQUATION_RGB:
    case GL_BLEND_EQUATION_ALPHA:
      *out = GL_FUNC_ADD;
      return;
    case GL_VIEWPORT:
    case GL_SCISSOR_BOX:
      // The next frame sets both before it draws; glClear ignores the
      // viewport, and the scissor box only applies while the test is on.
      out[0] = out[1] = out[2] = out[3] = 0;
      return;
    default:
      glGetIntegerv(name, out);
  }
}
