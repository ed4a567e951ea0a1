package server

func (s *Server) portalPages() []pageRoute { return nil }
