package main

import (
	"context"
	"io"
	"maps"
	"slices"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

func (c *cli) healthCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "health",
		Short: "Check that the API and its databases are up",
		Args:  cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.GetHealthWithResponse(ctx))
			if err != nil {
				return err
			}
			h := resp.Value
			return c.printObject(h, func(w io.Writer) error {
				if err := writeRow(w, "CHECK", "STATUS", "DETAIL"); err != nil {
					return err
				}
				if db := h.Database; db != nil {
					// A connection's status decodes the same whether the
					// API sent it as {"active": false} or not at all: both
					// show as down rather than hide a database that is.
					for _, d := range []struct {
						name string
						s    gen.DatabaseStatus
					}{{"database read", db.Read}, {"database write", db.Write}} {
						status := "down"
						if d.s.Active {
							status = "up"
						}
						if err := writeRow(w, d.name, status, "version "+d.s.Version); err != nil {
							return err
						}
					}
				}
				// Members the document does not describe are shown as
				// the API sent them: the health format may change.
				for _, k := range slices.Sorted(maps.Keys(h.AdditionalProperties)) {
					b, err := encodeJSON(h.AdditionalProperties[k], "", "")
					if err != nil {
						return err
					}
					if err := writeRow(w, k, "", string(b)); err != nil {
						return err
					}
				}
				return nil
			})
		}),
	}
}

func (c *cli) sellerCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "seller",
		Short: "Show the seller account the credentials belong to",
		Args:  cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.GetSellerWithResponse(ctx))
			if err != nil {
				return err
			}
			s := *resp
			return c.printObject(s, func(w io.Writer) error {
				return printFields(w,
					"ID", idText(s.Id),
					"Name", s.Name,
					"Company", s.CompanyName,
					"Short code", s.ShortCode,
					"Email", s.Email,
					"Status", string(s.Status),
					"Verified", yesNo(s.Verified),
					"Listed", yesNo(s.Listed),
					"Created", c.when(s.CreatedAt),
				)
			})
		}),
	}
}

func (c *cli) shipmentProvidersCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "shipment-providers",
		Short: "List the carriers the seller can ship with",
		Long: `List the carriers the seller can ship with. NAME is what
'sellercenter orders ready-to-ship --provider' takes; a carrier with an API
integration needs no --tracking.`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.ListShipmentProvidersWithResponse(ctx, &gen.ListShipmentProvidersParams{}))
			if err != nil {
				return err
			}
			return printList(c, *resp,
				[]string{"ID", "NAME", "ACTIVE", "DEFAULT", "API INTEGRATION", "CASH ON DELIVERY"},
				func(p gen.ShipmentProvider) []string {
					return []string{idText(p.Id), p.Name, yesNo(bool(p.Status)), yesNo(bool(p.Default || p.IsDefault)), yesNo(bool(p.ApiIntegrationAvailable)), yesNo(bool(p.CashOnDelivery))}
				})
		}),
	}
}

func (c *cli) failureReasonsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "failure-reasons",
		Short: "List the reasons cancellations, failed deliveries and returns take",
		Long: `List the reasons cancellations, failed deliveries and returns take. NAME is
what 'sellercenter orders cancel --reason' takes, for a reason of type canceled.`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.ListFailureReasonsWithResponse(ctx))
			if err != nil {
				return err
			}
			return printList(c, *resp,
				[]string{"ID", "TYPE", "NAME", "OUT OF STOCK", "DESCRIPTION"},
				func(r gen.FailureReason) []string {
					return []string{idText(r.Id), string(r.Type), r.Name, yesNo(r.OutOfStock), r.Description}
				})
		}),
	}
}
