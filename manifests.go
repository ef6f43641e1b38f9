package sellercenter

import (
	"context"
	"iter"

	"github.com/sellercenter-go/sellercenter/gen"
)

// Manifests walks every shipping manifest that params selects, like Orders.
func (c *Client) Manifests(ctx context.Context, params gen.ListManifestsParams) iter.Seq2[gen.Manifest, error] {
	return walk[gen.Manifest](ctx, params, 0, c.ListManifests, gen.ParseListManifestsResponse)
}
