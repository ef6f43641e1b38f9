package redislimit_test

import (
	"log"

	"github.com/redis/go-redis/v9"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/redislimit"
)

// Every process of the seller builds its client this way, with the same
// Seller, so all of them together start at most 30 requests a second.
func ExampleNew() {
	lim, err := redislimit.New(redislimit.Config{
		Client: redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"}),
		Seller: "4089",
	})
	if err != nil {
		log.Fatal(err)
	}
	cfg, err := sellercenter.FromEnv()
	if err != nil {
		log.Fatal(err)
	}
	cfg.Limiter = lim
	c, err := sellercenter.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	_ = c // every call of c now waits for the seller's shared budget
}
