package server

// portalRoutes are the API routes of the delegation portal.
func (s *Server) portalRoutes() []route { return nil }
