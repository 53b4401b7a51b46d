// The production figure's pieces: the word-order comparison and the layout
// (figure_production.cpp), and one transformer block around multi-head
// attention for the selected word (figure_production_block.cpp).
#pragma once

#include "core/transformer_block.h"
#include "web/app_state.h"
#include "web/draw.h"

namespace lesson {

// The block's stages for the figure's trace, computed once per model settings.
const attn::TransformerBlockTrace& production_block(const FigureState& fig);

// h heads' outputs -> concat -> x W_O -> + x, LayerNorm -> FFN -> + residual,
// LayerNorm, for the selected word, with the residual paths drawn as skips.
void draw_production_block(const FigureState& fig, draw::Area area);

}  // namespace lesson
