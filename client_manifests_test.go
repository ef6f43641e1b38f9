package sellercenter_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestContractManifestsWalk walks every manifest of the mock, the seeded
// one and five created through the client, in pages of several sizes.
func TestContractManifestsWalk(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{1, 4, 6, 0} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			t.Parallel()
			// A mock each: requests a walk asked for ahead and then
			// cancelled may still reach the mock after the walk ends, and
			// would be counted by the next case. Pages of one manifest,
			// fetched ahead by an unpaced client, would meet the mock's
			// limit: the walk, not the pacing, is under test.
			mock := newContractMock(t, sellercentertest.Config{RateLimit: sellercentertest.NoRateLimit})
			c := newContractClient(t, mock, nil)
			for range 5 {
				id := itemIDsOf(addContractOrder(t, mock, drop, gen.OrderItemStatusReadyToShip))[0]
				op := fmt.Sprintf("CreateManifest(%d)", id)
				resp, err := c.CreateManifestWithResponse(t.Context(), gen.OrderItemIds{OrderItemIds: []int{id}})
				decoded(t, op, succeed(t, op, resp, err).JSON201)
			}
			var want []int
			for _, m := range mock.Manifests() {
				want = append(want, m.ManifestId)
			}
			if len(want) != 6 {
				t.Fatalf("mock.Manifests() = %v, want the seeded and the 5 created", want)
			}
			op := fmt.Sprintf("Manifests(limit %d)", limit)
			got := walkIDs(t, op, c.Manifests(t.Context(), gen.ListManifestsParams{Limit: limit}), func(m gen.Manifest) int { return m.ManifestId })
			checkNoDuplicates(t, op, got)
			if !slices.Equal(got, want) {
				t.Errorf("%s = %v, want mock.Manifests()'s %v", op, got, want)
			}
			size := limit
			if size == 0 {
				size = sellercenter.DefaultPageSize
			}
			// listManifests is a hasNext list: pages past the end may be
			// asked for ahead, within the window.
			if got, pages := mock.Count("listManifests"), pagesFor(len(want), size); got < pages || got > pages+sellercenter.DefaultPageWindow-1 {
				t.Errorf("%s requests = %d, want %d to %d", op, got, pages, pages+sellercenter.DefaultPageWindow-1)
			}
		})
	}
}
