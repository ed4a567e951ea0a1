package server

func (s *Server) partnerPages() []pageRoute { return nil }
